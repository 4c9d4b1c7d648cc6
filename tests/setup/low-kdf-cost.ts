import { lowTestKdfCost, setKdfCostForTests } from '../../db/kdf-cost';

// Every test file starts at the low test cost (why, and what still proves the production cost:
// db/kdf-cost.ts). A test about the cost itself switches back with `withKdfCost(productionKdfCost, …)`.
setKdfCostForTests(lowTestKdfCost);
