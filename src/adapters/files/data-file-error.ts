// The one error a data file that cannot be used throws: every problem, each with its file, its path
// inside the document and its code. Start-up turns it into the code of the file it was reading.
import { formatDataFileProblem, type DataFileProblem } from './data-file-problem.js';

function heading(problems: readonly DataFileProblem[], subject?: string): string {
  const files = [...new Set(problems.map((p) => p.file))];
  const what = subject ?? (files.join(' and ') || 'The data file');
  const verb = subject === undefined && files.length === 1 ? 'has' : 'have';
  return `${what} ${verb} ${problems.length} problem(s):`;
}

export class DataFileError extends Error {
  readonly code = 'DATA_FILE_INVALID';
  /**
   * @param subject what the files are together, when their names alone do not say it
   *   (flow files are named relative to their folder: "The IVR flows in ivr-flows").
   */
  constructor(
    readonly problems: readonly DataFileProblem[],
    subject?: string,
  ) {
    super([heading(problems, subject), ...problems.map((p) => `  ${formatDataFileProblem(p)}`)].join('\n'));
    this.name = 'DataFileError';
  }
}
