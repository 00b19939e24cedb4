import { conformanceSuite } from './suite.ts';

await conformanceSuite('huawei-osm');
