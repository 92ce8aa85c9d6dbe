import { describe, expect, it } from 'vitest';
import { signablePdf } from '../../test/support/signablePdf.ts';
import { findSignatureFields, parsePdf, roleOfField } from './readPdf.ts';
import { selectField } from './selectField.ts';

describe('choosing the field', () => {
  it('takes the exact name, the post, or an unambiguous start of it', async () => {
    const pdf = await parsePdf(
      await signablePdf({ fields: { chair_of_governors_signature: 'Signature of the Chair of Governors', headteacher_signature: 'Signature of the Headteacher', head_of_school_signature: 'Signature of the Head of School' } }),
    );
    const fields = findSignatureFields(pdf);
    const pick = (s: string) => {
      const choice = selectField(fields, s);
      return 'field' in choice ? choice.field.name : `${choice.problem}: ${choice.candidates.map((c) => c.name).join(' ')}`;
    };
    expect(pick('chair')).toBe('chair_of_governors_signature');
    expect(pick('Chair of Governors')).toBe('chair_of_governors_signature');
    expect(pick('chair_of_governors_signature')).toBe('chair_of_governors_signature');
    expect(pick('headteacher')).toBe('headteacher_signature');
    expect(pick('head')).toBe('AMBIGUOUS: headteacher_signature head_of_school_signature');
    expect(pick('treasurer')).toBe('NOT_FOUND: ');
    expect(fields.map(roleOfField)).toEqual(['Chair of Governors', 'Headteacher', 'Head of School']);
    expect(roleOfField({ name: 'clerk_to_governors_signature' })).toBe('Clerk to governors');
  });
});
