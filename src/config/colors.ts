/**
 * The colour forms a run may use: its colour flows into CSS and three.js, and may come from links
 * and embeds, so only colours are allowed (hex, comma-separated rgb/hsl functions, CSS names).
 */

/** Named CSS colours (CSS Color 4, the set three.js also knows). */
export const CSS_COLOR_NAMES: ReadonlySet<string> = new Set(
  (
    'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue ' +
    'blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk ' +
    'crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki ' +
    'darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen ' +
    'darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue ' +
    'dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite ' +
    'gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki ' +
    'lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan ' +
    'lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen ' +
    'lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen ' +
    'magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen ' +
    'mediumslateblue mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream ' +
    'mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid ' +
    'palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum ' +
    'powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown ' +
    'seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen ' +
    'steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen'
  ).split(' '),
);
const PERCENT = String.raw`(?:\d+(?:\.\d+)?|\.\d+)%`;
const ALPHA = String.raw`(?:\d+(?:\.\d+)?|\.\d+)`;
const BYTE = String.raw`\d{1,3}`;
const SEP = String.raw`\s*,\s*`;
/** The colour functions allowed: comma-separated numbers only (what CSS and three.js both read). */
const COLOR_FUNCTIONS = [
  new RegExp(String.raw`^rgba?\(\s*${BYTE}${SEP}${BYTE}${SEP}${BYTE}(?:${SEP}${ALPHA})?\s*\)$`),
  new RegExp(
    String.raw`^rgba?\(\s*${PERCENT}${SEP}${PERCENT}${SEP}${PERCENT}(?:${SEP}${ALPHA})?\s*\)$`,
  ),
  new RegExp(
    String.raw`^hsla?\(\s*[+-]?${ALPHA}${SEP}${PERCENT}${SEP}${PERCENT}(?:${SEP}${ALPHA})?\s*\)$`,
  ),
];
const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** Whether `text` is one of the colour forms a run may use (it flows into CSS and three.js). */
export function isAllowedColor(text: string): boolean {
  if (text.length > 64) return false;
  return (
    HEX_COLOR.test(text) ||
    COLOR_FUNCTIONS.some((re) => re.test(text)) ||
    CSS_COLOR_NAMES.has(text.toLowerCase())
  );
}

export const COLOR_MESSAGE =
  'must be a CSS colour: #rgb, #rrggbb, #rrggbbaa, rgb(r, g, b), rgba(r, g, b, a), hsl(h, s%, l%), hsla(h, s%, l%, a) or a colour name such as steelblue';
