// One extension of a compiled dialplan context: its name and its priorities in order (a line may
// carry a label that a Goto names).
export interface Extension {
  readonly name: string;
  readonly lines: readonly (string | { readonly label: string; readonly app: string })[];
}
