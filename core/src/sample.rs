//! Sample orders for the tests, the benchmarks and demos: the one builder of an order numbered
//! `n` from a [`Samples`] description (ID prefixes, seller, customer). Each suite keeps its own
//! description; the building is here. Behind the `samples` feature (left out of the phone's
//! library).

use crate::error::Error;
use crate::order::{Channel, Customer, Order, OrderId, TrackingId};

/// How a suite's sample orders look.
#[derive(Debug, Clone, Copy)]
pub struct Samples {
    /// The first three digits of the order IDs.
    pub order_prefix: u16,
    /// Added to `n` for the second and third groups of the order ID (each kept to 7 digits).
    pub order_offsets: (u32, u32),
    /// The tracking IDs are this prefix, `n` in 10 digits and `IN`.
    pub tracking_prefix: &'static str,
    pub seller: &'static str,
    /// The customer of order `n`.
    pub customer: fn(u32) -> Customer,
}

impl Samples {
    /// The tracking ID of order `n`.
    pub fn tracking(&self, n: u32) -> String {
        format!("{}{n:010}IN", self.tracking_prefix)
    }

    /// The order ID of order `n`.
    pub fn order_id(&self, n: u32) -> String {
        let group = |offset: u32| u64::from(offset).saturating_add(u64::from(n)) % 10_000_000;
        format!("{:03}-{:07}-{:07}", self.order_prefix % 1000, group(self.order_offsets.0), group(self.order_offsets.1))
    }

    /// Order `n`, fulfilled by `channel`.
    pub fn order(&self, n: u32, channel: Channel) -> Result<Order, Error> {
        Ok(Order {
            order_id: OrderId::parse(&self.order_id(n))?,
            tracking_id: TrackingId::parse(&self.tracking(n))?,
            channel,
            seller: self.seller.into(),
            customer: (self.customer)(n),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_orders_are_valid_and_numbered() {
        let s = Samples {
            order_prefix: 402,
            order_offsets: (1_000_000, 2_000_000),
            tracking_prefix: "SD",
            seller: "S",
            customer: |n| Customer { name: format!("C{n}"), address: String::new(), phone: String::new() },
        };
        let o = s.order(7, Channel::Fba).unwrap();
        assert_eq!((o.order_id.as_str(), o.tracking_id.as_str()), ("402-1000007-2000007", "SD0000000007IN"));
        assert_eq!((o.channel, o.customer.name.as_str()), (Channel::Fba, "C7"));
    }
}
