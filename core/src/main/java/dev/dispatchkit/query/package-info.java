/**
 * Searching work orders: the {@link dev.dispatchkit.query.WorkOrderQuery} a host builds with {@code
 * DispatchKit.query()} and the {@link dev.dispatchkit.query.WorkOrderPage} it gets back. Stores
 * implement the search behind {@code spi.WorkOrders}.
 */
@NullMarked
package dev.dispatchkit.query;

import org.jspecify.annotations.NullMarked;
