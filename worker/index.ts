/** The worker entry: the atlas app over the data bundle validated at build time, with PNG pictures. */
import data from '@atlas/data';
import { createApp } from './app.ts';
import { rasterise } from './render/png.ts';

export default createApp({ data, rasterise });
