/**
 * The first place a form's user types into: a date box's first segment or an ordinary input, never the
 * hidden input react-aria keeps beside the segments for the browser's autofill.
 */
export const firstFieldSelector = "[role=spinbutton]:not([aria-disabled='true']), input:not([type=hidden]):not([disabled]):not([tabindex='-1']), select:not([disabled]), textarea:not([disabled])";
