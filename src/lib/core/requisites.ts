/** Extracts requisites (вид, орган, дата, номер, название, регион) from the head of an act. (Being implemented.) */
import { emptyRequisites, type Requisites } from './types';

export function extractRequisites(text: string): Requisites {
	void text;
	return emptyRequisites();
}
