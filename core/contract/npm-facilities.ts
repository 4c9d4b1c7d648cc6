import { z } from 'zod';
import { needs } from '../permissions';
import { method } from './method';
import { deviceRotationView, fileContent, npmFacilityView } from './npm';

/** The centres the ombudsman office visits, each with its devices' keys. */
export const npmFacilitiesContract = {
  npmFacilities: {
    list: method({ input: z.object({}).strict(), output: z.object({ facilities: z.array(npmFacilityView) }), access: needs('visit.read') }),
    /** A centre's identity file (from its oversight screen); a second device of a known centre adds its key. */
    add: method({ input: z.object({ content: fileContent }).strict(), output: z.object({ facility: npmFacilityView }), access: needs('visit.write') }),
    /** What a centre device's key rotation file says, checked against the key held for it; nothing changes. */
    readKeyRotation: method({ input: z.object({ content: fileContent }).strict(), output: deviceRotationView, access: needs('visit.write') }),
    /** Takes the device's new key on a statement signed by the key held now (docs/npm.md#key-rotation). */
    acceptKeyRotation: method({ input: z.object({ content: fileContent }).strict(), output: deviceRotationView, access: needs('visit.write') }),
  },
};
