// How app checks a password against the hash kept for the user. The auth adapter implements it (scrypt).

/** True when `password` matches `stored`; false for a wrong password and for a malformed hash. */
export type PasswordVerifier = (password: string, stored: string) => Promise<boolean>;
