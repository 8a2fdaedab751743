/** The worker entry: the atlas app over the data bundle validated at build time. */
import data from '@atlas/data';
import { createApp } from './app.ts';

export default createApp({ data });
