/** Discord message helpers shared by unit and end-to-end tests (no processes, no I/O). */

/** All buttons of a message (or of a message body sent by the bot), across its action rows. */
export const buttons = (message: any): any[] => (message?.components ?? []).flatMap((row: any) => row.components);
