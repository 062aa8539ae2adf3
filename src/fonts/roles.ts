/** The font roles the layout prints with; fonts/fonts.yaml maps each to a file. */
export const FONT_ROLES = ['title', 'heading', 'body', 'bold', 'table'] as const;
export type FontRole = (typeof FONT_ROLES)[number];

export function isFontRole(name: string): name is FontRole {
  return (FONT_ROLES as readonly string[]).includes(name);
}
