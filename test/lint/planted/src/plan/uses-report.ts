// Planted: plan/ sits below report/ in the pure band.
import { render } from '../report/render.js';

export const plan = render();
