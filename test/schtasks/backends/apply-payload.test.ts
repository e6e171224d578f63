import { describe, expect, it } from 'vitest';
import { buildApplyPayload, logonTypeNumber, principalOf } from '../../../src/schtasks/backends/apply-payload.js';
import { sampleTaskXml } from '../../fakes/powershell-script-output.js';

const withPrincipal = (inner: string) => sampleTaskXml({ principal: `<Principal id="Author">${inner}</Principal>` });

describe('principal of a task XML', () => {
  it('reads UserId, GroupId and LogonType, decoding entities', () => {
    expect(principalOf(withPrincipal('<UserId>CORP\\a&amp;b</UserId><LogonType>Password</LogonType>'))).toEqual({ userId: 'CORP\\a&b', logonType: 'Password' });
    expect(principalOf(withPrincipal('<GroupId>S-1-5-32-545</GroupId>'))).toEqual({ groupId: 'S-1-5-32-545' });
    expect(principalOf('<Task><Actions/></Task>')).toEqual({});
  });

  it.each([
    [{ logonType: 'S4U' }, 2],
    [{ logonType: 'InteractiveTokenOrPassword', userId: 'x' }, 6],
    [{ groupId: 'S-1-5-32-545' }, 4],
    [{ userId: 'S-1-5-18' }, 5],
    [{ userId: 'NT AUTHORITY\\SYSTEM' }, 5],
    [{ userId: 'LOCAL SERVICE' }, 5],
    [{ userId: 'CORP\\someone' }, 3],
    [{}, 3],
  ])('%j registers with logon type %i', (principal, expected) => {
    expect(logonTypeNumber(principal)).toBe(expected);
  });
});

describe('buildApplyPayload', () => {
  it('lists tasks that need a password nobody gave, or that name no account', () => {
    const { missingPasswords } = buildApplyPayload([
      { action: 'create', folder: '\\', name: 'AGI_A', xml: withPrincipal('<UserId>CORP\\svc</UserId><LogonType>Password</LogonType>') },
      { action: 'create', folder: '\\', name: 'AGI_B', xml: withPrincipal('<LogonType>InteractiveTokenOrPassword</LogonType>') },
      { action: 'create', folder: '\\', name: 'AGI_C', xml: withPrincipal('<UserId>S-1-5-18</UserId>') },
    ], { '\\AGI_B': 'given but useless' });
    expect(missingPasswords).toEqual([{ task: '\\AGI_A', userId: 'CORP\\svc' }, { task: '\\AGI_B' }]);
  });

  it('strips a BOM character before declaring UTF-16', () => {
    const { payload } = buildApplyPayload([{ action: 'create', folder: '\\', name: 'AGI_A', xml: `\uFEFF<Task/>` }]);
    expect(payload.operations[0]?.xml).toBe('<?xml version="1.0" encoding="UTF-16"?>\r\n<Task/>');
    expect(payload).not.toHaveProperty('passwords');
  });
});
