import { collections } from '../../api/collections';
import type { Configuration } from '../../api/types';
import type { RecordPages } from '../../components/record-pages';

/** Configurations are listed at `configurations` and edited on a page each. */
export const configurationPages: RecordPages<Configuration> = {
  collection: collections.configurations,
  route: 'configurations',
  noun: 'configuration',
  listLabel: 'All configurations',
  createLabel: 'Create configuration',
};
