import { describe, expect, it } from 'vitest';
import { CONTACT_VIEWS } from '../../../domain/contacts/contact-query.use-case.js';
import { LEAD_STAGES } from '../../../domain/leads/lead.model.js';
import { ORDER_KINDS } from '../../../domain/orders/order.model.js';
import { ORDER_SORTS } from '../../../domain/orders/order-search.use-case.js';
import { ORDER_STATUSES } from '../../../domain/orders/order-status.rules.js';
import { USER_ROLES } from '../../../domain/users/user.model.js';
import * as web from '../src/codes.js';

describe("the console's copies of the server's codes", () => {
  it('match the domain lists', () => {
    expect(web.ORDER_STATUSES).toEqual(ORDER_STATUSES);
    expect(web.ORDER_KINDS).toEqual(ORDER_KINDS);
    expect(web.ORDER_SORTS).toEqual(ORDER_SORTS);
    expect(web.LEAD_STAGES).toEqual(LEAD_STAGES);
    expect([...web.CONTACT_VIEWS].sort()).toEqual([...CONTACT_VIEWS].sort());
    expect(web.USER_ROLES).toEqual(USER_ROLES);
  });
});
