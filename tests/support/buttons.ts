/** Discord message helpers shared by unit and end-to-end tests (no processes, no I/O). */

/** All buttons of a message (or of a message body sent by the bot), across its action rows. */
export const buttons = (message: any): any[] => (message?.components ?? []).flatMap((row: any) => row.components);

/** The first drop-down list (string select) of a message, or undefined. */
export const selectMenu = (message: any): any => buttons(message).find((c: any) => c.type === 3);

/** What the fake Discord sends when `value` is chosen in drop-down list `menu`: spread it into `fake.sendComponent`. */
export const choiceIn = (menu: any, value: string) => ({ customId: menu.custom_id as string, componentType: 3, values: [value] });

/** The buttons of a message, without its drop-down lists. */
export const buttonsOnly = (message: any): any[] => buttons(message).filter((c: any) => c.type === 2);
