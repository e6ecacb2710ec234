package dev.arbiter.benchmark.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.arbiter.shared.InvalidInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The file readers on their own: what they read, and how they name a bad line. */
class ItemFormatTests {

	@Test
	void formatsAreNamedAsOnTheWire() {
		assertThat(ItemFormat.fromWire("OpenAI-Evals")).isEqualTo(ItemFormat.OPENAI_EVALS);
		assertThat(ItemFormat.fromWire(" gsm8k ")).isEqualTo(ItemFormat.GSM8K);
		assertThatThrownBy(() -> ItemFormat.fromWire("yaml")).isInstanceOf(InvalidInput.class).hasMessageContaining("jsonl, csv");
		assertThat(ItemFormat.JSONL.exportable()).isTrue();
		assertThat(ItemFormat.MMLU.exportable()).isFalse();
	}

	@Test
	void skipsAByteOrderMarkAndBlankLines() {
		var items = read(ItemFormat.JSONL, "\uFEFF{\"prompt\": \"One\"}\n\n   \n{\"prompt\": \"Two\"}");
		assertThat(items).extracting(NewItem::prompt).containsExactly("One", "Two");
		assertThat(read(ItemFormat.CSV, "\uFEFFprompt\nThree\n")).extracting(NewItem::prompt).containsExactly("Three");
	}

	@Test
	void textThatIsNotUtf8IsRejectedWithItsLine() {
		var bytes = new byte[] { '{', '"', 'p', 'r', 'o', 'm', 'p', 't', '"', ':', '"', 'a', '"', '}', '\n', (byte) 0xC3, (byte) 0x28, '\n' };
		assertThatThrownBy(() -> ItemFormat.JSONL.read(new ByteArrayInputStream(bytes), item -> {
		})).isInstanceOf(ItemFileRejected.class).hasMessage("line 1 or later: the file is not UTF-8 text");
	}

	@Test
	void aCsvRecordOverSeveralLinesIsNamedByTheLineItEndsOn() {
		assertThatThrownBy(() -> read(ItemFormat.CSV, "prompt,difficulty\n\"two\nlines\",1\n\"three\nmore\nlines\",9\n"))
			.isInstanceOf(ItemFileRejected.class)
			.hasMessageStartingWith("line 6: difficulty must be 1–5");
		assertThatThrownBy(() -> read(ItemFormat.CSV, "prompt\n\"fine\"\n\"broken\"x\n"))
			.isInstanceOf(ItemFileRejected.class)
			.hasMessageStartingWith("line 3: malformed CSV");
	}

	@Test
	void theSameQuestionHashesTheSameWhateverItsWhitespaceButNotItsCase() {
		var a = new NewItem(" What is\t2 + 2?\n", null, null, null, null, null);
		var b = new NewItem("What is 2 + 2?", null, null, null, null, null);
		var c = new NewItem("what is 2 + 2?", null, null, null, null, null);
		assertThat(a.sha256()).isEqualTo(b.sha256()).hasSize(64).matches("[0-9a-f]{64}");
		assertThat(c.sha256()).isNotEqualTo(b.sha256());
	}

	@Test
	void gsm8kTakesTheLastFinalAnswerLine() {
		var items = read(ItemFormat.GSM8K, "{\"question\": \"Q\", \"answer\": \"#### 1 is wrong\\nstep\\n#### -1,234.5\"}\n");
		assertThat(items.get(0).expected()).containsExactly("-1234.5");
		assertThatThrownBy(() -> read(ItemFormat.GSM8K, "{\"question\": \"Q\", \"answer\": \"so\\n####   \"}"))
			.hasMessage("line 1: 'answer' ends with '####' but no number follows it");
		assertThatThrownBy(() -> read(ItemFormat.GSM8K, "[1, 2]")).hasMessage("line 1: each line must be a JSON object");
	}

	@Test
	void mmluSkipsAHeaderRowAndKeepsTheChoices() {
		var items = read(ItemFormat.MMLU, "question,A,B,C,D,answer\n2+2?,3,4,5,6,b\n");
		assertThat(items).hasSize(1);
		assertThat(items.get(0).expected()).containsExactly("B");
		assertThat(items.get(0).metadata().get("choices")).isEqualTo(List.of("3", "4", "5", "6"));
	}

	@Test
	void openAiEvalsTakesAPlainInputAsThePrompt() {
		var item = read(ItemFormat.OPENAI_EVALS, "{\"input\": \"Say hi\", \"ideal\": [\"hi\", \"hello\"]}").get(0);
		assertThat(item.prompt()).isEqualTo("Say hi");
		assertThat(item.messages()).isNull();
		assertThat(item.expected()).containsExactly("hi", "hello");
		assertThatThrownBy(() -> read(ItemFormat.OPENAI_EVALS, "{\"input\": \"Say hi\", \"ideal\": []}"))
			.hasMessage("line 1: 'ideal' holds no answer");
	}

	@Test
	void aJsonFileMustBeOneArray() {
		assertThatThrownBy(() -> read(ItemFormat.JSON, "{\"prompt\": \"Q\"}")).hasMessage("line 1: a JSON file must hold one array of items");
		assertThatThrownBy(() -> read(ItemFormat.JSON, "[{\"prompt\": \"Q\"}")).hasMessageStartingWith("line 1: malformed JSON");
		assertThatThrownBy(() -> read(ItemFormat.JSON, "[{\"prompt\": \"Q\"}] []")).hasMessageContaining("content after the array");
		assertThatThrownBy(() -> read(ItemFormat.JSON, "[\n{\"prompt\": \"Q\"},\n{\"prompt\": \"R\", \"tags\": \"x\"}\n]"))
			.hasMessage("record 2 (line 3): 'tags' must be an array of strings");
	}

	@Test
	void anItemHasAPromptOrMessagesNotBoth() {
		assertThatThrownBy(() -> read(ItemFormat.JSONL, "{\"prompt\": \"Q\", \"messages\": [{\"role\": \"user\", \"content\": \"Q\"}]}"))
			.hasMessage("line 1: give either 'prompt' or 'messages', not both");
		assertThatThrownBy(() -> read(ItemFormat.JSONL, "{\"messages\": []}"))
			.hasMessage("line 1: 'messages' must be a non-empty array of chat messages");
		assertThatThrownBy(() -> read(ItemFormat.JSONL, "{\"prompt\": \"  \"}")).hasMessage("line 1: 'prompt' must be a non-empty string");
		assertThatThrownBy(() -> read(ItemFormat.JSONL, "{\"prompt\": \"Q\", \"difficulty\": 2.5}"))
			.hasMessage("line 1: difficulty must be 1–5, got 2.5");
	}

	private static List<NewItem> read(ItemFormat format, String text) {
		var items = new ArrayList<NewItem>();
		format.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), items::add);
		return items;
	}
}
