import { api } from '../api/client';

/** Saves one record of `collection`: a POST to the collection creates it (`id` undefined), a PATCH of the record updates it. */
export async function saveResource(collection: string, id: string | undefined, body: unknown): Promise<void> {
  if (id === undefined) await api.post(collection, body);
  else await api.patch(`${collection}/${encodeURIComponent(id)}`, body);
}
