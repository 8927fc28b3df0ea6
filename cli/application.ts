import { regulatoryCase } from '../apps/regulatory-case/index.ts';

/** The application this checkout runs. A project of its own names its mapping file and handlers here. */
export const application = regulatoryCase;
