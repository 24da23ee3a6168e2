// One setting the server reads from its environment: its name, its default and what it means (the
// README's configuration table lists every one).
export interface Setting {
  readonly name: string;
  readonly fallback: string;
  readonly doc: string;
}
