// The templates file's checks and the rendering of a message from a template and its parameters.
import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/domain/messages/render-text.js';
import { parseTextTemplates, type TextTemplates } from '../../../src/domain/messages/text-templates.js';
import { loadTextTemplates } from '../../../src/adapters/messages/template-file.js';
import { DataFileError } from '../../../src/adapters/files/data-file-error.js';
import { writeTempFile } from '../../helpers/temp-file.js';

const shipped = (): TextTemplates => loadTextTemplates('fixtures/sms-templates.yaml');
const codes = (raw: unknown): string[] => {
  const result = parseTextTemplates(raw);
  return result.ok ? [] : result.errors.map((e) => `${e.path} ${e.code}`);
};
const template = (fields: Record<string, unknown>) => ({ id: 'order-to-sign', text: '工单{number}待签收', platformCode: 'SMS_1', ...fields });

describe('text templates', () => {
  it('reads the shipped file: four templates, their placeholders and the signature', () => {
    const templates = shipped();
    expect(templates.signature).toBe('12345热线');
    expect([...templates.byId.keys()]).toEqual(['order-to-sign', 'sign-overdue', 'reply-due-soon', 'reply-overdue']);
    expect(templates.byId.get('order-to-sign')?.params).toEqual(['number', 'minutes']);
  });

  it('renders the order-to-sign message with its signature', () => {
    const rendered = renderText(shipped(), 'order-to-sign', { number: 'GD20261205001', minutes: '5' });
    expect(rendered).toMatchObject({ ok: true, text: '【12345热线】您单位有新工单GD20261205001待签收，请于5分钟内登录系统签收。' });
  });

  it('refuses an unknown template and parameters that do not fit, each with its code', () => {
    const templates = shipped();
    expect(renderText(templates, 'no-such', {})).toMatchObject({ ok: false, code: 'MESSAGE_TEMPLATE_UNKNOWN' });
    const refused = (params: Record<string, string>) => renderText(templates, 'order-to-sign', params);
    expect(refused({ number: 'A1' })).toMatchObject({ ok: false, code: 'MESSAGE_PARAMS_INVALID', reason: expect.stringContaining('{minutes}') });
    expect(refused({ number: 'A1', minutes: '5', extra: 'x' })).toMatchObject({ code: 'MESSAGE_PARAMS_INVALID', reason: expect.stringContaining('{extra}') });
    expect(refused({ number: ' ', minutes: '5' })).toMatchObject({ code: 'MESSAGE_PARAMS_INVALID' });
    expect(refused({ number: 'A1\n【诈骗】', minutes: '5' })).toMatchObject({ code: 'MESSAGE_PARAMS_INVALID' });
    expect(refused({ number: 'http://x.cn', minutes: '5' })).toMatchObject({ code: 'MESSAGE_PARAMS_INVALID' });
    expect(refused({ number: '一'.repeat(36), minutes: '5' })).toMatchObject({ code: 'MESSAGE_PARAMS_INVALID' });
    expect(refused({ number: '一'.repeat(35), minutes: '5' })).toMatchObject({ ok: true });
  });

  it('names every problem of a bad file with its path and a stable code', () => {
    expect(codes([])).toEqual([' SMS_TEMPLATE_INVALID_FIELD']);
    expect(codes({ templates: [] })).toEqual(['signature SMS_TEMPLATE_MISSING_FIELD', 'templates SMS_TEMPLATE_MISSING_FIELD']);
    expect(codes({ signature: '【12345热线】', templates: [template({})] })).toEqual(['signature SMS_TEMPLATE_INVALID_FIELD']);
    expect(codes({ signature: '12345热线', templates: [template({}), template({ Id: 'x' })] })).toEqual(['templates[1].Id SMS_TEMPLATE_UNKNOWN_FIELD', 'templates[1].id SMS_TEMPLATE_DUPLICATE_ID']);
    expect(codes({ signature: '12345热线', templates: [template({ id: 'Order', text: '【x】{1a}' })] })).toEqual(['templates[0].id SMS_TEMPLATE_INVALID_ID', 'templates[0].text SMS_TEMPLATE_INVALID_FIELD', 'templates[0].text SMS_TEMPLATE_INVALID_PLACEHOLDER']);
    expect(codes({ signature: '12345热线', templates: [template({ platformCode: undefined })] })).toEqual(['templates[0].platformCode SMS_TEMPLATE_MISSING_FIELD']);
  });

  it('a file the loader cannot use throws DataFileError with the file named', () => {
    const file = writeTempFile('sms-templates.yaml', 'signature: 12345热线\ntemplates:\n  - id: a\n    id: b\n');
    expect(() => loadTextTemplates(file)).toThrow(DataFileError);
    try {
      loadTextTemplates(file);
    } catch (error) {
      expect((error as DataFileError).problems.map((p) => p.code)).toEqual(['DATA_FILE_DUPLICATE_KEY']);
    }
  });
});
