package dev.arbiter.inference.simulator;

import java.util.List;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/** Token counts with the cl100k_base encoding, as the OpenAI chat models count them. */
final class Tokens {

	/** A message costs its role and content plus this many tokens of framing. */
	private static final int PER_MESSAGE = 3;

	/** Every reply is primed with {@code <|start|>assistant<|message|>}. */
	private static final int REPLY_PRIMING = 3;

	private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

	private Tokens() {
	}

	/** A chat message as far as token counting is concerned. */
	record Message(String role, String content, String name) {
	}

	static int count(String text) {
		return text.isEmpty() ? 0 : CL100K.countTokensOrdinary(text);
	}

	/** Prompt tokens of a chat request, by the formula of OpenAI's cookbook for the gpt-4 family. */
	static int prompt(List<Message> messages) {
		int total = REPLY_PRIMING;
		for (Message message : messages) {
			total += PER_MESSAGE + count(message.role()) + count(message.content());
			if (message.name() != null) {
				total += count(message.name()) + 1;
			}
		}
		return total;
	}

	/** The text cut to at most {@code maxTokens} tokens, or the text itself when it is shorter. */
	static String truncate(String text, int maxTokens) {
		var result = CL100K.encodeOrdinary(text, maxTokens);
		return result.isTruncated() ? CL100K.decode(result.getTokens()) : text;
	}

}
