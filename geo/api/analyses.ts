/** The analysis contracts, in the API description's order. */
import { circle } from './circle.ts';
import { matrix } from './matrix.ts';
import { network } from './network.ts';
import { plan } from './plan.ts';
import { reach } from './reach.ts';

export const ANALYSES = [network, reach, matrix, circle, plan] as const;
