package org.remarketing.samplestore.customer;

import java.time.LocalDate;

import javax.validation.constraints.Email;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Past;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;

/** What a shopper fills in to open an account. */
public class Registration {

    @NotBlank @Email @Size(max = 96)
    private String email;
    @NotBlank @Size(min = 6, max = 100)
    private String password;
    @NotBlank @Size(max = 64)
    private String firstName;
    @NotBlank @Size(max = 64)
    private String lastName;
    @Pattern(regexp = "[MF]?")
    private String gender;
    @Pattern(regexp = "en|vi")
    private String language = "en";
    @Past
    private LocalDate dateOfBirth;
    @Pattern(regexp = "[A-Za-z]{2}")
    private String country = "US";
    /** Ticked by the shopper: news and offers by email (Shopizer's NEWSLETTER opt-in). */
    private boolean newsletter;

    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getFirstName() { return firstName; }
    public void setFirstName(String firstName) { this.firstName = firstName; }
    public String getLastName() { return lastName; }
    public void setLastName(String lastName) { this.lastName = lastName; }
    public String getGender() { return gender; }
    public void setGender(String gender) { this.gender = gender; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
    public LocalDate getDateOfBirth() { return dateOfBirth; }
    public void setDateOfBirth(LocalDate dateOfBirth) { this.dateOfBirth = dateOfBirth; }
    public String getCountry() { return country; }
    public void setCountry(String country) { this.country = country; }
    public boolean isNewsletter() { return newsletter; }
    public void setNewsletter(boolean newsletter) { this.newsletter = newsletter; }
}
