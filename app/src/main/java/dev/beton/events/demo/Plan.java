package dev.beton.events.demo;

/**
 * A plan of the demo product. Usage is counted in tracked "work items" per month.
 *
 * @param monthlyPrice in USD
 * @param usageLimit work items per month the plan includes
 * @param seatLimit users the plan includes
 */
record Plan(String name, int monthlyPrice, int usageLimit, int seatLimit) {

    static final Plan FREE = new Plan("free", 0, 1_000, 3);
    static final Plan TRIAL = new Plan("trial", 0, 5_000, 10);
    static final Plan STARTER = new Plan("starter", 99, 5_000, 10);
    static final Plan PRO = new Plan("pro", 499, 50_000, 50);

    boolean paid() {
        return monthlyPrice > 0;
    }
}
