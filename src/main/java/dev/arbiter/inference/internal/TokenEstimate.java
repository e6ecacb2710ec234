package dev.arbiter.inference.internal;

import java.util.List;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

import dev.arbiter.inference.ChatMessage;

/** Token counts with cl100k_base, for upstreams that send no usage. */
public final class TokenEstimate {

	/** A message costs its role and content plus this many tokens of framing. */
	private static final int PER_MESSAGE = 3;

	/** Every reply is primed with {@code <|start|>assistant<|message|>}. */
	private static final int REPLY_PRIMING = 3;

	private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

	private TokenEstimate() {
	}

	public static int count(String text) {
		return text == null || text.isEmpty() ? 0 : CL100K.countTokensOrdinary(text);
	}

	/** Prompt tokens of a chat, by the formula of OpenAI's cookbook for the gpt-4 family. */
	public static int prompt(List<ChatMessage> messages) {
		int total = REPLY_PRIMING;
		for (ChatMessage message : messages) {
			total += PER_MESSAGE + count(message.role()) + count(message.content());
		}
		return total;
	}
}
