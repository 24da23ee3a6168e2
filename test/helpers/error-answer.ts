// What every refusal must look like: JSON, `{ error: { code, message } }` and nothing else, the code
// one of the error catalogue's (src/http/error-catalogue.ts) and never a framework's FST_ code.
import { isHttpErrorCode } from '../../src/http/error-catalogue.js';

export interface Answer {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string | string[] | number | undefined>>;
  readonly body: string;
}

function parsed(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

const keysAre = (value: unknown, keys: readonly string[]): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).sort().join() === [...keys].sort().join();

/** What is wrong with an error answer's shape (none for a well-formed one). */
export function errorAnswerProblems(answer: Answer): string[] {
  const problems: string[] = [];
  const type = String(answer.headers['content-type'] ?? '');
  if (!/^application\/json\b/.test(type)) problems.push(`content-type is '${type}', not JSON`);
  const body = parsed(answer.body);
  if (!keysAre(body, ['error']) || !keysAre(body.error, ['code', 'message'])) return [...problems, 'body is not exactly { error: { code, message } }'];
  const { code, message } = body.error;
  if (typeof message !== 'string') problems.push('error.message is not a string');
  if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(code)) problems.push(`error.code ${JSON.stringify(code)} is not a stable code`);
  else if (code.startsWith('FST_')) problems.push(`error.code ${code} is Fastify's, not the product's`);
  else if (!isHttpErrorCode(code)) problems.push(`error.code ${code} is not in HTTP_ERRORS`);
  return problems;
}

/** The answer's problems: a 5xx, or a 4xx without the product's error shape. */
export function answerProblems(answer: Answer): string[] {
  if (answer.statusCode >= 500) return [`server error ${answer.statusCode}`];
  return answer.statusCode >= 400 ? errorAnswerProblems(answer) : [];
}
