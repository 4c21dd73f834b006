//! The codes of an order: its fulfilment [`Channel`] and its [`OrderStatus`], with their stable
//! codes (wire, database, scripts). Owns these two enums; which status follows which is
//! [`crate::lifecycle`]'s.

use crate::coded::coded_enum;

coded_enum! {
    /// How an order is fulfilled. Only Self-Delivery orders are the DA's to scan.
    pub enum Channel ("fulfilment channel") {
        SelfDelivery = "self-delivery", "Self-Delivery" | "sd" | "selfship" | "self-ship";
        Fba = "fba", "FBA" | "fulfilled by amazon";
        EasyShip = "easy-ship", "Easy Ship";
        /// Shipped by the seller through a carrier (merchant-fulfilled), not by its own DAs.
        SellerFulfilled = "seller-fulfilled", "Seller Fulfilled" | "MFN" | "merchant-fulfilled";
    }
}

coded_enum! {
    /// Where an order stands on the phone.
    pub enum OrderStatus ("order status") {
        /// Known, waiting for an Out for Delivery scan (new, or back from a closed day).
        Pending = "pending", "Pending";
        OutForDelivery = "ofd", "Out for Delivery" | "out-for-delivery";
        Delivered = "delivered", "Delivered";
        /// Attempted and not delivered; may be re-attempted the same day or after a new OFD scan.
        Undeliverable = "undeliverable", "Undeliverable";
        /// Final: returned to the seller.
        Rejected = "rejected", "Rejected";
    }
}
