import { describe, expect, expectTypeOf, it } from 'vitest';
import { contract } from '../../core/contract';
import type { DraftOf, UnknownKeys } from '../../renderer/contract-form';
import { contractResolver } from '../../renderer/contract-form';
import { methodDef, methodSchema, type MethodInput, type MethodOutput } from '../../renderer/contract-method';

describe('a form names its contract method once', () => {
  it('finds the method and the schema it is checked with', () => {
    expect(methodDef('episodes.review')).toBe(contract.episodes.review);
    expect(methodSchema('vulnerability.assessAge')).toBe(contract.vulnerability.assessAge.input);
  });

  it('types the input a form builds and the output it is given from the same name', () => {
    expectTypeOf<MethodInput<'episodes.review'>>().toHaveProperty('conclusion');
    expectTypeOf<MethodOutput<'persons.get'>>().toEqualTypeOf<ReturnType<typeof contract.persons.get.output.parse>>();
    // A choice is any string until the schema has checked it; an empty box is "not given".
    expectTypeOf<DraftOf<MethodInput<'episodes.review'>>['conclusion']>().toEqualTypeOf<string | undefined>();
    // A key the contract does not have is named, at any depth; what it has is not.
    expectTypeOf<UnknownKeys<{ toFacilityNam: string; handover: { bodyy: string } }, MethodInput<'episodes.transfer'>>>().toEqualTypeOf<'toFacilityNam' | 'bodyy'>();
    expectTypeOf<UnknownKeys<{ toFacilityName: string; handover: { body: string } }, MethodInput<'episodes.transfer'>>>().toBeNever();
    // @ts-expect-error -- a name the contract does not have does not compile
    expect(() => methodDef('episodes.reviews')).toThrow();
  });

  it('checks a draft with the method schema and puts the form’s own checks beside it', async () => {
    const resolver = contractResolver<{ at: string; conclusion: string; answered: string }, unknown>(
      methodSchema('episodes.review'),
      (v) => ({ episodeId: 'e1', at: v.at, conclusion: v.conclusion }),
      { check: (v) => (v.answered === '' ? [{ field: 'answered', key: 'error.field.required' }] : []) },
    );
    const result = await resolver({ at: '', conclusion: 'maybe', answered: '' }, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(Object.keys(result.errors).sort()).toEqual(['answered', 'at', 'conclusion']);
  });
});
