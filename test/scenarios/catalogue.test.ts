// The bundled catalogue (scenarios/*.yaml) as mocha tests: what `npm start` runs, in `npm test`.
import { registerScenarios } from '../../scenarios/mocha.ts'

registerScenarios('scenarios/*.yaml', { describe: 'scenario catalogue' })
