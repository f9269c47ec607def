// Text already in the form it takes inside a JSON string literal, UTF-8: the
// interpreter's output arrives so (host/output_text.h) and goes on the wire
// without ever becoming a JavaScript string.
export class JsonText {
  constructor(readonly bytes: Buffer) {}

  static of(text: string): JsonText {
    return new JsonText(Buffer.from(JSON.stringify(text).slice(1, -1), 'utf8'));
  }
}
