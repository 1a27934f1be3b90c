// Realistic code in each language the lexical grammars cover, with the headers its functions
// have: the samples of test/compile/grammar-lexical.test.ts and grammar-lexical-systems.test.ts,
// shared so other engines' tests (llama-cpp-gbnf-lexical.test.ts) judge the same text.

export const TS_HEADER = 'export async function fetchUser(id: string): Promise<User>';

export const TS_BODY = `${TS_HEADER} {
  // Cache first; the key is "user:<id>".
  const cacheKey = \`user:\${id}\`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined && /^[a-z]+$/i.test(id)) return cached as User;
  /* fetch from the API */
  try {
    const response = await fetch(\`\${BASE_URL}/users/\${encodeURIComponent(id)}?fields=\${FIELDS.join(',')}\`, { headers: { 'x-trace': "it's fine" } });
    const { data, ...rest } = await response.json();
    const ratio = data.total / (rest.pages ?? 1) / 2;
    let retries = 0;
    retries++;
    const toUser = (raw: Record<string, unknown>): User => ({ ...raw, id, ratio } as User);
    return toUser(data);
  } catch (error) {
    throw new UserError(\`could not load \${id}: \${String(error)}\`);
  }
}
`;

export const TS_MODULE = `import { useState } from "react";
import type { User } from './api/types';
import { z } from 'zod';
export { formatUser } from "./api";

const MAX_ITEMS = 20;
const userSchema = z.object({ name: z.string() });

export function UserList({ users }: { users: User[] }) {
  const [page, setPage] = useState(0);
  const visible = users.slice(page * MAX_ITEMS, (page + 1) * MAX_ITEMS);
  return visible.map((user) => \`<li>\${user.name}</li>\`).join('');
}

export class UserStore {
  private items = new Map<string, User>();
  load = async () => (await import.meta.resolve('./x')) as unknown;
}
`;

export const PY_HEADER = 'def load_user(user_id: int) -> dict:';

export const PY_BODY = `${PY_HEADER}
    """Load a user; never use eval here."""
    cache_key = f"user:{user_id}"
    if cache_key in CACHE:  # fast path
        return CACHE[cache_key]

    def normalize(raw):
        return {k.lower(): v for k, v in raw.items() if v is not None}

    try:
        rows = [normalize(r) for r in fetch_rows("SELECT * FROM users WHERE id = %s", (user_id,))]
    except LookupError as err:
        raise UserError(f"missing {user_id!r}") from err
    query = '''
multi-line text that does not need indentation
'''
    return {"rows": rows, "query": query, 'raw': r'\\d+', "empty": ''}
`;

export const GO_HEADER = 'func (h *Handler) ListByCustomer(ctx context.Context, customerID string, limit int) ([]Order, error)';

export const GO_BODY = `${GO_HEADER} {
	// Paginate with a cursor; see "docs/paging.md".
	const pageSize = 50
	var total int64
	rows, err := h.db.QueryContext(ctx, \`SELECT id, status FROM orders WHERE customer_id = $1\`, customerID)
	if err != nil {
		return nil, fmt.Errorf("listing orders of %s: %w", customerID, err)
	}
	defer rows.Close()
	orders := make([]Order, 0, limit)
	done := make(chan struct{}, 1)
	go func() { done <- struct{}{} }()
	<-done
	for rows.Next() {
		var order Order
		if err := rows.Scan(&order.ID, &order.Status); err != nil {
			return nil, fmt.Errorf("scanning order: %w", err)
		}
		/* weights: hex, binary, octal, imaginary, separators */
		weight := 0x1F + 0b1010 + 0o17 + 1_000 + int(real(2i)) + len('x') + len('\\n')
		total += int64(weight) / 2
		orders = append(orders, order)
	}
	_ = pageSize
	switch v := any(total).(type) {
	case int64:
		total = v
	}
	return append([]Order{}, orders...), rows.Err()
}
`;

export const GO_MODULE = `// Package orders serves the order API over HTTP.
package orders

import "context"
import "database/sql"
import chi "github.com/go-chi/chi/v5"
import _ "net/http/pprof"

// OrderStatus is where an order is in its lifecycle.
type OrderStatus string

const (
	StatusPending OrderStatus = "pending"
	StatusPaid    OrderStatus = "paid"
)

const MaxPageSize = 100

var ErrNotFound = errors.New("order not found")

type Order struct {
	ID     int64       \`json:"id"\`
	Status OrderStatus \`json:"status"\`
}

func NewHandler(store Store, db *sql.DB) *Handler {
	return &Handler{store: store, db: db}
}

func (h *Handler) GetOrder(ctx context.Context, id int64) (*Order, error) {
	return h.store.Get(ctx, chi.URLParam(nil, "id"), id)
}
`;

export const RS_HEADER = 'pub fn discounted_total(&self, promo_code: &str) -> Result<f64, OrderError>';

export const RS_BODY = `${RS_HEADER} {
    // Codes look like "SPRING-10"; see the pricing docs.
    const MAX_DISCOUNT: f64 = 0.5;
    static LABEL: &'static str = "promo";
    let mut total = 0.0f64;
    let _ = LABEL;
    let Some(rest) = promo_code.strip_prefix("SPRING-") else {
        return Err(OrderError::TooManyItems { count: 0 });
    };
    'outer: for item in self.line_items.iter() {
        let quantity = item.quantity as f64 + 1u8 as f64 * 2.0e-3;
        if quantity == 0.0 { continue 'outer; }
        total += item.unit_price * quantity;
    }
    let (a, b) = (b'x', '\\'');
    let newline = '\\n';
    let emoji = '\\u{1F600}';
    let raw = r#"{"code": "r#x"}"#;
    let bytes = b"bytes\\n";
    let r#type = format!("{}-{}", rest, raw.len());
    /* pricing rules are applied by the service */
    let percent: u32 = rest.parse().map_err(|_| OrderError::NotFound(0))?;
    let closure = |value: f64| -> f64 { value * (1.0 - (percent as f64 / 100.0).min(MAX_DISCOUNT)) };
    Ok(closure(total) + bytes.len() as f64 * 0.0 + newline.len_utf8() as f64 * 0.0 + a as u8 as f64 * 0.0 + b.len_utf8() as f64 * 0.0 + emoji.len_utf8() as f64 * 0.0 + r#type.len() as f64 * 0.0)
}
`;

export const RS_MODULE = `//! Order models shared by the API and the worker.

use std::collections::HashMap;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use crate::db::Pool;
extern crate serde;

type OrderMap = HashMap<u64, Order>;

pub const MAX_LINE_ITEMS: usize = 50;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Order {
    pub id: u64,
    pub created_at: DateTime<Utc>,
}

pub trait Priced {
    fn total(&self) -> f64;
}

pub async fn load_order(pool: &Pool, id: u64) -> Result<Order, String> {
    pool.fetch_order(id).await.map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
}
`;

export const JAVA_HEADER = 'public Order placeOrder(String customerId, List<OrderLine> lines)';

export const JAVA_BODY = `${JAVA_HEADER} {
        // Lines above MAX_LINES are refused; see "docs/limits.md".
        if (lines.size() > MAX_LINES) {
            throw new IllegalArgumentException("too many lines: " + lines.size());
        }
        long budget = 1_000_000L + 0x1FL;
        double ratio = 1.5d / 2 + 0.25f;
        char separator = '\\n';
        char quote = '\\'';
        String empty = "";
        String template = """
            Order for %s with "%d" lines
            """;
        BigDecimal total = BigDecimal.ZERO;
        Map<String, List<OrderLine>> bySku = new HashMap<>();
        for (OrderLine line : lines) {
            BigDecimal price = priceOverrides.getOrDefault(line.sku(), line.unitPrice());
            total = total.add(price.multiply(BigDecimal.valueOf(line.quantity())));
        }
        /* log with the customer only */
        Runnable logIt = () -> LOG.info(template.formatted(customerId, lines.size()));
        lines.stream().map(OrderLine::sku).forEach(System.out::println);
        @SuppressWarnings("unused") int unused = budget > 0 ? 1 : 0;
        var result = Collections.<Order>emptyList();
        return repository.save(new Order(customerId, lines, total, OrderStatus.PENDING));
    }
`;

export const JAVA_MODULE = `package com.acme.orders;

import com.acme.orders.persistence.OrderRepository;
import java.util.List;
import java.util.Map;
import static java.util.Objects.requireNonNull;
import org.slf4j.*;

/** Places and looks up orders. */
public class OrderService {
    private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

    public OrderService(OrderRepository repository) {
        this.repository = requireNonNull(repository);
    }

    @Override
    public String toString() {
        return "OrderService";
    }

    <T extends Comparable<T>> List<T> sortedCopy(List<T> items) {
        return items.stream().sorted().toList();
    }
}

interface Priced { long totalCents(); }

enum OrderStatus { PENDING, PAID }

record OrderLine(String sku, int quantity) {}
`;
