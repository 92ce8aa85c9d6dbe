// A school's changes to the template's clauses, by clause id, without copying the template.

import { z } from 'zod';
import { ClauseText, NameText } from './common.ts';

const ClauseId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'is not a clause id (lower-case words joined by hyphens)' })
  .meta({ description: 'A clause id from `npx policy-press text SLUG --ids`.', examples: ['staff-records'] });

export const AddedClauseSchema = z
  .strictObject({
    /** @example 'technical' */
    section: ClauseId.meta({ description: 'The section to add the clause to.', examples: ['technical'] }),
    /** @example 'paper-shredded' */
    after: ClauseId.optional().meta({ description: 'Put it after this clause (default: at the end of the section).' }),
    /** @example 'storage-destroyed' */
    id: ClauseId.optional().meta({ description: 'An id of your own for the clause, so later changes can name it.' }),
    /** @example 'Storage devices are physically destroyed before disposal.' */
    text: ClauseText.meta({ description: 'The clause, as plain text.', examples: ['Storage devices are physically destroyed before disposal.'] }),
  })
  .meta({ description: 'A clause of the school’s own.' });

export const ClausesSchema = z
  .strictObject({
    /** @example ['monitoring'] */
    omit: z.array(ClauseId).optional().meta({ description: 'Clauses that do not apply to this school.' }),
    /** @example { 'staff-records': 'All staff are DBS checked.' } */
    replace: z.record(ClauseId, ClauseText).optional().meta({ description: "Clauses reworded by the school: id → the school's wording, as plain text." }),
    /** @example [{ section: 'technical', text: 'Storage devices are destroyed.' }] */
    add: z.array(AddedClauseSchema).optional().meta({ description: "The school's own extra clauses." }),
  })
  .meta({ description: "The school's changes to the template's clauses." });

export const SectionOverrideSchema = z
  .strictObject({
    /** @example 'Technical solutions' */
    title: NameText.optional().meta({ description: 'A heading of the school’s own for this section.' }),
    /** @example true */
    include: z.boolean().optional().meta({ description: 'Include an optional section of the template (see `npx policy-press templates`).' }),
  })
  .meta({ description: 'Changes to one section.' });

export const SectionsSchema = z.record(ClauseId, SectionOverrideSchema).meta({ description: 'Changes to sections, by section id.' });
