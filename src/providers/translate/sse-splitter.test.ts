import { describe, expect, it } from 'vitest';
import type { SseEvent } from '../types.js';
import { fixture, sseEvents } from './fixtures/fixtures.js';
import { SseSplitter } from './sse-splitter.js';

const FIXTURES = [
  'anthropic-stream-tool-use.sse',
  'anthropic-stream-text.sse',
  'openai-chat-stream-tool-calls.sse',
  'openai-chat-stream-text.sse',
  'openai-responses-stream.sse',
];

function feed(chunks: string[]): SseEvent[] {
  const splitter = new SseSplitter();
  const out: SseEvent[] = [];
  for (const chunk of chunks) out.push(...splitter.push(chunk));
  out.push(...splitter.flush());
  return out;
}

const rawOf = (events: SseEvent[]): string => events.map((e) => e.raw).join('');

describe('SseSplitter', () => {
  it('splits blocks at blank lines and keeps the exact raw text', () => {
    const text = 'event: message_start\ndata: {"a":1}\n\ndata: {"b":2}\n\n';
    const events = feed([text]);
    expect(events).toEqual([
      { event: 'message_start', data: '{"a":1}', raw: 'event: message_start\ndata: {"a":1}\n\n' },
      { event: undefined, data: '{"b":2}', raw: 'data: {"b":2}\n\n' },
    ]);
  });

  it('handles CRLF and lone CR line ends', () => {
    const crlf = 'event: ping\r\ndata: {}\r\n\r\ndata: x\r\n\r\n';
    expect(feed([crlf]).map((e) => [e.event, e.data])).toEqual([
      ['ping', '{}'],
      [undefined, 'x'],
    ]);
    expect(rawOf(feed([crlf]))).toBe(crlf);
    const cr = 'data: a\r\rdata: b\r\r';
    expect(feed([cr]).map((e) => e.data)).toEqual(['a', 'b']);
    expect(feed([cr])[0]?.raw).toBe('data: a\r\r');
  });

  it('joins multi-line data with newlines and strips one leading space', () => {
    const events = feed(['data: line one\ndata:line two\ndata:  indented\ndata\n\n']);
    expect(events[0]?.data).toBe('line one\nline two\n indented\n');
  });

  it('returns comment-only and empty blocks so raw concatenation is lossless', () => {
    const text = ': keep-alive\n\n\ndata: {"x":1}\nid: 7\nretry: 100\n\n';
    const events = feed([text]);
    expect(events.map((e) => e.data)).toEqual(['', '', '{"x":1}']);
    expect(rawOf(events)).toBe(text);
  });

  it('ignores fields that only start with data or event', () => {
    const events = feed(['database: no\nevents: no\nevent: yes\ndata: ok\n\n']);
    expect(events).toEqual([
      { event: 'yes', data: 'ok', raw: 'database: no\nevents: no\nevent: yes\ndata: ok\n\n' },
    ]);
  });

  it('flush returns a final block that lacks its blank line', () => {
    const splitter = new SseSplitter();
    expect(splitter.push('data: one\n\ndata: tw')).toHaveLength(1);
    expect(splitter.push('o\n')).toEqual([]);
    expect(splitter.flush()).toEqual([{ event: undefined, data: 'two', raw: 'data: two\n' }]);
    expect(splitter.flush()).toEqual([]);
  });

  it('treats a trailing CR as a line end only at flush', () => {
    const splitter = new SseSplitter();
    expect(splitter.push('data: a\r\n\r')).toEqual([]);
    expect(splitter.push('\n')).toEqual([{ event: undefined, data: 'a', raw: 'data: a\r\n\r\n' }]);
    expect(splitter.push('data: b\r\r')).toEqual([]);
    expect(splitter.flush()).toEqual([{ event: undefined, data: 'b', raw: 'data: b\r\r' }]);
  });

  for (const name of FIXTURES) {
    for (const variant of ['lf', 'crlf'] as const) {
      it(`gives the same events for any chunking of ${name} (${variant})`, () => {
        const lf = fixture(name);
        const text = variant === 'lf' ? lf : lf.replaceAll('\n', '\r\n');
        const whole = feed([text]);
        expect(whole.length).toBeGreaterThan(3);
        expect(rawOf(whole)).toBe(text);
        expect(whole.every((e) => e.raw.endsWith(variant === 'lf' ? '\n\n' : '\r\n\r\n'))).toBe(true);
        for (let size = 1; size <= 23; size++) expect(sseEvents(text, size)).toEqual(whole);
        for (let cut = 1; cut < text.length; cut++) {
          expect(feed([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
        }
      });
    }
  }

  it('is linear on many small chunks and long lines', () => {
    const line = `data: {"content":"${'x'.repeat(50_000)}"}\n\n`;
    const text = line.repeat(40);
    const start = performance.now();
    const events = sseEvents(text, 7);
    expect(events).toHaveLength(40);
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});
