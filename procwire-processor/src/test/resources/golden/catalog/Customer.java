package golden.catalog;

import java.util.ArrayList;
import java.util.List;

/** A bean: accessors, a no-argument constructor, and a declared default. */
public class Customer {
    private String name;
    private boolean vip;
    private List<Long> orders = new ArrayList<>();
    public int visits = 1;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isVip() {
        return vip;
    }

    public void setVip(boolean vip) {
        this.vip = vip;
    }

    public List<Long> getOrders() {
        return orders;
    }

    public void setOrders(List<Long> orders) {
        this.orders = orders;
    }

    public String getDisplayName() {
        return vip ? name + " *" : name;
    }
}
