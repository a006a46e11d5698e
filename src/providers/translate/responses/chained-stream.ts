import type { NormalizedUsage, SseEvent, StreamTranslator } from '../../types.js';
import { SseSplitter } from '../sse-splitter.js';

/**
 * Two translators in a row (Anthropic → chat chunks → Responses events): the first one's SSE
 * text is split again and fed to the second. Usage and generated text are the first's, read
 * nearest the provider; the stop reason is the last's, in the client's vocabulary. Only
 * translated streams pay the second parse.
 */
export class ChainedStream implements StreamTranslator {
  private readonly splitter = new SseSplitter();

  constructor(
    private readonly first: StreamTranslator,
    private readonly second: StreamTranslator,
  ) {}

  push(event: SseEvent): string {
    return this.feed(this.first.push(event));
  }

  end(): string {
    let out = this.feed(this.first.end());
    for (const event of this.splitter.flush()) out += this.second.push(event);
    return out + this.second.end();
  }

  usage(): NormalizedUsage | null {
    return this.first.usage();
  }

  stopReason(): string | null {
    return this.second.stopReason();
  }

  generatedText(): string {
    return this.first.generatedText();
  }

  private feed(text: string): string {
    if (text.length === 0) return '';
    let out = '';
    for (const event of this.splitter.push(text)) out += this.second.push(event);
    return out;
  }
}
