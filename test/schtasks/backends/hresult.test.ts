import { describe, expect, it } from 'vitest';
import { decodeSchedulerError, describeHresult, findXmlPosition, normalizeHresult, quoteXmlLine } from '../../../src/schtasks/backends/hresult.js';

const XML = ['<?xml version="1.0" encoding="UTF-16"?>', '<Task xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">', '\t<Actions><Exec><Command>run.exe</Command></Exec></Actions>', '</Task>'].join('\r\n');

describe('HRESULT decoding', () => {
  it.each([
    ['0x80041318', '0x80041318'],
    ['80041318', '0x80041318'],
    [-2147216616, '0x80041318'],
    ['-2147024891', '0x80070005'],
    ['0x8004131a', '0x8004131A'],
  ] as const)('normalizes %s to %s', (input, expected) => {
    expect(normalizeHresult(input)).toBe(expected);
  });

  it.each([
    ['0x80041318', 'SCHED_E_INVALIDVALUE', /incorrectly formatted or out of range/],
    ['0x80041319', 'SCHED_E_MISSINGNODE', /missing a required element/],
    ['0x8004131A', 'SCHED_E_MALFORMEDXML', /malformed/],
    ['0x80041316', 'SCHED_E_UNEXPECTEDNODE', /unexpected element/],
    ['0x80041317', 'SCHED_E_NAMESPACE', /unexpected namespace/],
    ['0x80070005', 'E_ACCESSDENIED', /access is denied/],
    ['0x80070534', 'ERROR_NONE_MAPPED', /account names and security IDs/],
    ['0x8007052E', 'ERROR_LOGON_FAILURE', /bad password/],
  ])('knows %s (%s)', (code, symbol, meaning) => {
    const info = describeHresult(code);
    expect(info?.symbol).toBe(symbol);
    expect(info?.meaning).toMatch(meaning);
  });

  // Every result code of the Task Scheduler behaviour reference (section 0) that a registration,
  // a read or the simulator can give is known by its symbol, success codes included.
  it.each([
    ['0x00041303', 'SCHED_S_TASK_HAS_NOT_RUN'],
    ['0x0004131B', 'SCHED_S_SOME_TRIGGERS_FAILED'],
    ['0x0004131C', 'SCHED_S_BATCH_LOGON_PROBLEM'],
    ['0x80041314', 'SCHED_E_UNSUPPORTED_ACCOUNT_OPTION'],
    ['0x8004131D', 'SCHED_E_TOO_MANY_NODES'],
    ['0x8004131F', 'SCHED_E_ALREADY_RUNNING'],
    ['0x80070057', 'E_INVALIDARG'],
    ['0x8007000E', 'E_OUTOFMEMORY'],
    ['0x80070002', 'ERROR_FILE_NOT_FOUND'],
    ['0x80070003', 'ERROR_PATH_NOT_FOUND'],
    ['0x8007007B', 'ERROR_INVALID_NAME'],
    ['0x800700B7', 'ERROR_ALREADY_EXISTS'],
    ['0x80070091', 'ERROR_DIR_NOT_EMPTY'],
    ['0x800704E3', 'ERROR_ONLY_IF_CONNECTED'],
    ['0x800706F4', 'RPC_X_NULL_REF_POINTER'],
    ['0x800706BA', 'RPC_S_SERVER_UNAVAILABLE'],
    ['0x800706AB', 'RPC_S_INVALID_NET_ADDR'],
    ['0x80070520', 'ERROR_NO_SUCH_LOGON_SESSION'],
  ])('has %s as %s', (code, symbol) => {
    expect(describeHresult(code)?.symbol).toBe(symbol);
  });

  it('a success code reads as registered-but, never as a failure', () => {
    expect(describeHresult(0x0004131c)?.meaning).toMatch(/^the task is registered, but may fail to start/);
    expect(describeHresult('0x0004131B')?.meaning).toMatch(/^the task is registered, but not all of its triggers/);
  });

  it('finds the position and element in Task Scheduler messages', () => {
    expect(findXmlPosition('(35,23):Command:')).toEqual({ line: 35, column: 23, element: 'Command' });
    expect(findXmlPosition('failed to register: (32,4):UserId:')).toEqual({ line: 32, column: 4, element: 'UserId' });
    expect(findXmlPosition('(1,2)::ERROR: unable to switch the encoding')).toEqual({ line: 1, column: 2 });
    expect(findXmlPosition('Access is denied.')).toBeUndefined();
  });

  it('quotes the offending line with a caret under the column, tabs kept for alignment', () => {
    const quote = quoteXmlLine(XML, 3, 18) ?? '';
    const [line, caret] = quote.split('\n');
    expect(line).toBe('    3 | \t<Actions><Exec><Command>run.exe</Command></Exec></Actions>');
    expect(caret).toBe('      | \t                ^');
    expect(quoteXmlLine(XML, 99, 1)).toBeUndefined();
  });

  it('builds one message naming task, element, line, meaning and code, and quoting the line', () => {
    const message = decodeSchedulerError({ message: '(3,18):Command:', hresult: '0x80041318', xml: XML, task: '\\AGI_X' });
    expect(message).toMatch(/^\\AGI_X: Task Scheduler rejected <Command> at line 3, column 18 of the task XML: .*out of range \(0x80041318 SCHED_E_INVALIDVALUE\)/);
    expect(message).toContain('<Command>run.exe</Command>');
    expect(message).toMatch(/hint: <Command> holds at most 260 characters/);
    expect(message).not.toContain('Windows said'); // the message was only the position
  });

  it('finds the HRESULT in the message when none is given, and keeps Windows\' words', () => {
    const message = decodeSchedulerError({ message: 'The task XML is malformed. (Exception from HRESULT: 0x8004131A)', task: '\\AGI_X' });
    expect(message).toMatch(/0x8004131A SCHED_E_MALFORMEDXML/);
    expect(message).toContain('Windows said: The task XML is malformed.');
  });

  it('account elements get account advice', () => {
    expect(decodeSchedulerError({ message: '(5,8):UserId:', hresult: '0x80070057' })).toMatch(/SID \(S-1-5-18\) or fully qualified/);
  });

  it('unknown codes are shown as they are', () => {
    expect(decodeSchedulerError({ message: 'odd', hresult: 0x12345678 })).toMatch(/HRESULT 0x12345678/);
  });
});
