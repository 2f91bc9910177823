/** Discord's dark theme, near enough to judge how a message reads: colours, spacing, embed and button shapes. */
export const PREVIEW_CSS = `
:root { color-scheme: dark; }
body { margin: 0; background: #313338; color: #dbdee1; font: 16px/1.375 "Preview CJK", "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 860px; padding: 16px 16px 32px; }
.preview + .preview { margin-top: 28px; border-top: 1px solid #3f4147; padding-top: 16px; }
.trigger { color: #949ba4; font-size: 13px; margin: 0 0 6px 56px; }
.trigger::before { content: "↱ "; }
.message { display: flex; gap: 16px; }
.avatar { flex: none; width: 40px; height: 40px; border-radius: 50%; background: #5865f2; color: #fff; font-weight: 700; font-size: 14px; display: flex; align-items: center; justify-content: center; }
.body { min-width: 0; flex: 1; }
.header { display: flex; align-items: center; gap: 6px; margin-bottom: 2px; }
.name { color: #f2f3f5; font-weight: 600; }
.bot-tag { background: #5865f2; color: #fff; font-size: 10px; font-weight: 600; padding: 1px 4px; border-radius: 3px; }
.ephemeral { color: #949ba4; font-size: 12px; margin-left: 6px; }
.content { margin-bottom: 4px; white-space: normal; }
.embed { background: #2b2d31; border-left: 4px solid; border-radius: 4px; padding: 8px 16px 16px 12px; margin: 4px 0; max-width: 520px; }
.embed-author { font-size: 14px; font-weight: 600; color: #f2f3f5; margin-top: 8px; }
.embed-title { font-weight: 600; color: #f2f3f5; margin-top: 8px; }
.embed-description { font-size: 14px; margin-top: 8px; }
.embed-fields { display: flex; flex-wrap: wrap; gap: 8px 16px; margin-top: 8px; font-size: 14px; }
.embed-field { flex: 1 1 100%; }
.embed-field.inline { flex: 1 1 30%; }
.field-name { font-weight: 600; color: #f2f3f5; margin-bottom: 2px; }
.embed-image, .attachment { display: block; max-width: 100%; border-radius: 4px; margin-top: 16px; }
.attachment { max-width: 400px; margin: 4px 0; }
.embed-footer { font-size: 12px; color: #b5bac1; margin-top: 8px; }
.missing { margin-top: 16px; color: #f23f43; font-size: 13px; }
code { background: #1e1f22; border-radius: 3px; padding: 0 3px; font: 85% "DejaVu Sans Mono", Consolas, "Preview CJK", monospace; }
pre { background: #1e1f22; border: 1px solid #1e1f22; border-radius: 4px; padding: 7px; margin: 6px 0 0; white-space: pre-wrap; }
pre code { background: none; padding: 0; font-size: 13px; }
blockquote { margin: 0; padding-left: 12px; border-left: 4px solid #4e5058; }
a { color: #00a8fc; text-decoration: none; }
.mention, .timestamp { background: rgba(88, 101, 242, .3); color: #c9cdfb; border-radius: 3px; padding: 0 2px; }
.spoiler { background: #1e1f22; border-radius: 3px; }
.buttons { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
.button { display: inline-flex; align-items: center; gap: 4px; height: 32px; padding: 0 16px; border-radius: 3px; color: #fff; font-size: 14px; font-weight: 500; }
.button.primary { background: #5865f2; }
.button.secondary { background: #4e5058; }
.button.success { background: #248046; }
.button.danger { background: #da373c; }
.button.disabled { opacity: .5; }
.select { display: flex; align-items: center; justify-content: space-between; max-width: 400px; height: 40px; margin-top: 8px; padding: 0 8px 0 12px; border-radius: 4px; background: #1e1f22; border: 1px solid #1e1f22; color: #dbdee1; font-size: 15px; }
.select-text { overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.select .placeholder { color: #949ba4; }
.select .chevron { margin-left: 8px; color: #b5bac1; font-size: 18px; }
`;
