import { conformanceSuite } from './suite.ts';

await conformanceSuite('jiguang-jverification');
