import { useKeyring } from '../crypto.js';
import { TEST_KEYRING } from './keys.js';

// Every test process stores customer data the way production does: encrypted with (fixed) test keys.
useKeyring(TEST_KEYRING);
