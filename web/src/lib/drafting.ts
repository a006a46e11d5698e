/** How a form turns a record into its draft, and the draft into the body it saves. */
export interface Drafting<Row, Draft> {
  /** The draft of `record`, or of a new one where it is undefined. */
  draftOf(record: Row | undefined): Draft;
  /** The body of the POST that creates the record, or of the PATCH (`isUpdate`) that changes it. */
  bodyOf(draft: Draft, isUpdate: boolean): unknown;
}
