/** The commands' one channel to the terminal (the gateway itself logs through pino). */
export function write(text: string): void {
  process.stdout.write(text);
}
