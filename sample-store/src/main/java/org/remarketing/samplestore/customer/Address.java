package org.remarketing.samplestore.customer;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;

/** A billing or delivery address as a shopper types it. */
public class Address {

    @NotBlank @Size(max = 64)
    private String firstName;
    @NotBlank @Size(max = 64)
    private String lastName;
    @Size(max = 256)
    private String address;
    @Size(max = 100)
    private String city;
    @Size(max = 20)
    private String postalCode;
    @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter country code")
    private String country = "US";
    @Size(max = 32)
    private String telephone;

    public String getFirstName() { return firstName; }
    public void setFirstName(String firstName) { this.firstName = firstName; }
    public String getLastName() { return lastName; }
    public void setLastName(String lastName) { this.lastName = lastName; }
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }
    public String getCity() { return city; }
    public void setCity(String city) { this.city = city; }
    public String getPostalCode() { return postalCode; }
    public void setPostalCode(String postalCode) { this.postalCode = postalCode; }
    public String getCountry() { return country; }
    public void setCountry(String country) { this.country = country; }
    public String getTelephone() { return telephone; }
    public void setTelephone(String telephone) { this.telephone = telephone; }
}
