import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/domain/qa/csv.js';

const line = (cell: string): string => toCsv([cell], []).slice(0, -2);

describe('CSV export', () => {
  it('ends every record with CRLF and keeps Chinese text, numbers and empty cells as they are', () => {
    const csv = toCsv(['工号', '姓名', '得分', '备注'], [['1001', '张三', 95, '态度好，语速适中'], ['1002', '李四', -5, null], ['1003', '', 0.5, '']]);
    expect(csv).toBe('工号,姓名,得分,备注\r\n1001,张三,95,态度好，语速适中\r\n1002,李四,-5,\r\n1003,,0.5,\r\n');
    expect(csv.startsWith('\uFEFF')).toBe(false);
  });

  it('quotes fields with commas, quotes or line breaks and doubles the quotes', () => {
    expect(line('a,b')).toBe('"a,b"');
    expect(line('他说"不管"')).toBe('"他说""不管"""');
    expect(line('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(line('x\r\ny')).toBe('"x\r\ny"');
    expect(line('plain text')).toBe('plain text');
  });

  it('defuses text a spreadsheet would run as a formula, but leaves real numbers alone', () => {
    expect(line('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(line('+86 138')).toBe("'+86 138");
    expect(line('-5')).toBe("'-5");
    expect(line('@cmd')).toBe("'@cmd");
    expect(line('\t=1')).toBe("'\t=1");
    expect(line('\r=1')).toBe('"\'\r=1"');
    expect(line('=HYPERLINK("http://x","点我")')).toBe('"\'=HYPERLINK(""http://x"",""点我"")"');
    expect(line('a=b')).toBe('a=b');
    expect(toCsv(['n'], [[-5], [-0.25]])).toBe('n\r\n-5\r\n-0.25\r\n');
  });

  it('writes just the header when there are no rows', () => {
    expect(toCsv(['call_id', 'total'], [])).toBe('call_id,total\r\n');
  });
});
