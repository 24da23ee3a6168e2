// Who a caller is, from the hotline's registries (registered elderly numbers, enterprises).

export interface EnterpriseInfo {
  readonly name: string;
  readonly creditCode: string;
}

export interface CallerInfo {
  readonly elderly: boolean;
  readonly enterprise: EnterpriseInfo | null;
}

export interface CallerDirectory {
  lookup(number: string): CallerInfo;
}

export const EMPTY_DIRECTORY: CallerDirectory = { lookup: () => ({ elderly: false, enterprise: null }) };
