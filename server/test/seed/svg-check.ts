// A small well-formedness check for the generated SVG: balanced tags, quoted attributes, no NaN.

/** Problems found, empty when the document is well formed enough for a browser's XML parser. */
export function svgProblems (svg: string): string[] {
  const problems: string[] = []
  if (!svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')) problems.push('does not start with an <svg> root in the SVG namespace')
  if (/NaN|undefined|Infinity/.test(svg)) problems.push('contains NaN, undefined or Infinity')
  const stack: string[] = []
  const tag = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>/y
  let at = 0
  while (at < svg.length) {
    const next = svg.indexOf('<', at)
    if (next === -1) break
    tag.lastIndex = next
    const match = tag.exec(svg)
    if (!match) {
      problems.push(`malformed tag at ${next}: ${svg.slice(next, next + 60)}`)
      break
    }
    const [, closing, name, , selfClosing] = match
    if (closing) {
      const open = stack.pop()
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`)
    } else if (!selfClosing) {
      stack.push(name!)
    }
    at = tag.lastIndex
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(', ')}`)
  return problems
}
