// Who a caller is, as the hotline's registries tell it (registered elderly numbers, enterprises).

export interface EnterpriseInfo {
  readonly name: string;
  readonly creditCode: string;
}

export interface CallerInfo {
  readonly elderly: boolean;
  readonly enterprise: EnterpriseInfo | null;
}

export const UNKNOWN_CALLER: CallerInfo = { elderly: false, enterprise: null };
