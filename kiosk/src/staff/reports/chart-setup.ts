// Chart.js with only what the reports draw: bar charts (vertical and horizontal) on a category and a linear
// scale, with tooltips. Registering pieces one by one (not chart.js/auto) keeps lines, pies, legends and the
// rest out of the bundle; this module is imported by the reports' chunk alone.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip)

export { Chart }
