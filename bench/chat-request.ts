/** The request every load sends, and what its answer must hold. */

/** ~600 bytes of JSON, the shape of a small real chat request. */
export function chatBody(model: string, stream: boolean): string {
  return JSON.stringify({
    model,
    messages: [
      {
        role: 'system',
        content:
          'You are a concise assistant for a travel company. Answer in two sentences or fewer, be practical, and never invent prices or timetables.',
      },
      {
        role: 'user',
        content:
          'I fly from Lisbon to Tokyo next spring with a nine-hour stopover in Istanbul. Is there enough time to ' +
          'leave the airport and see the old town, and what should I keep in mind about visas, luggage and ' +
          'getting back through security in time for my connecting flight? I only carry a small backpack.',
      },
    ],
    temperature: 0.2,
    max_tokens: 200,
    user: 'bench-user-0001',
    stream,
  });
}

/** What a complete 2xx answer holds: checked on every answer, as a proxy could answer 200 with anything. */
export function expectedBody(stream: boolean): (body: string) => boolean {
  return stream ? (body) => body.includes('data: [DONE]') : (body) => body.includes('"chat.completion"');
}
