package dev.arbiter.routing.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.databind.JsonNode;

import dev.arbiter.routing.Classification;
import dev.arbiter.routing.DomainClassifier;
import dev.arbiter.shared.InvalidInput;
import dev.arbiter.tenancy.Caller;
import dev.arbiter.tenancy.ReadOnly;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Classifies a text, or the last user message of a chat, into one of the caller's domains. A read: viewers may call it. */
@RestController
class ClassifyController {

	static final int MAX_TEXT = 1_000_000;

	private final DomainClassifier classifier;

	ClassifyController(DomainClassifier classifier) {
		this.classifier = classifier;
	}

	@PostMapping("/api/v1/routing/classify")
	@ReadOnly
	Classification classify(Caller caller, @RequestBody ClassifyRequest request) {
		return classifier.classify(caller.orgId(), request.query());
	}

	/** {@code text}, or {@code messages} in the OpenAI Chat Completions format; exactly one of them. */
	record ClassifyRequest(String text, List<Message> messages) {

		String query() {
			if ((text == null) == (messages == null)) {
				throw new InvalidInput(text == null ? "text" : "messages", "send either 'text' or 'messages', not both or neither");
			}
			var query = text != null ? text : lastUserMessage();
			if (query.isBlank()) {
				throw new InvalidInput(text != null ? "text" : "messages", "must not be blank");
			}
			if (query.length() > MAX_TEXT) {
				throw new InvalidInput(text != null ? "text" : "messages", "must be at most " + MAX_TEXT + " characters");
			}
			return query;
		}

		private String lastUserMessage() {
			for (int i = messages.size() - 1; i >= 0; i--) {
				var message = messages.get(i);
				if (message != null && "user".equals(message.role())) {
					return message.text();
				}
			}
			throw new InvalidInput("messages", "must hold a message with the role 'user'");
		}
	}

	/** One chat message; {@code content} is a string or an array of parts, whose text parts count. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Message(String role, JsonNode content) {

		String text() {
			if (content == null || content.isNull()) {
				return "";
			}
			if (content.isArray()) {
				var text = new StringBuilder();
				for (var part : content) {
					if ("text".equals(part.path("type").asString())) {
						text.append(text.isEmpty() ? "" : "\n").append(part.path("text").asString());
					}
				}
				return text.toString();
			}
			return content.isString() ? content.asString() : content.toString();
		}
	}
}
