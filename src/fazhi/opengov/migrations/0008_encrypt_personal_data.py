"""ID numbers and phone numbers encrypted at rest (issue 20, item 6): a digest column
beside each for exact lookups; existing rows are encrypted (backward: decrypted)."""

import fazhi.core.cryptofield
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("opengov", "0007_catalogue_duties_importable"),
    ]

    operations = [
        migrations.AddField(
            model_name="disclosurerequest",
            name="applicant_id_number_digest",
            field=fazhi.core.cryptofield.DigestField(source="applicant_id_number"),
        ),
        migrations.AddField(
            model_name="disclosurerequest",
            name="applicant_phone_digest",
            field=fazhi.core.cryptofield.DigestField(source="applicant_phone"),
        ),
        migrations.AlterField(
            model_name="disclosurerequest",
            name="applicant_id_number",
            field=fazhi.core.cryptofield.EncryptedCharField(
                blank=True, max_length=18, verbose_name="身份证号码"
            ),
        ),
        migrations.AlterField(
            model_name="disclosurerequest",
            name="applicant_phone",
            field=fazhi.core.cryptofield.EncryptedCharField(
                blank=True, max_length=30, verbose_name="联系电话"
            ),
        ),
        fazhi.core.cryptofield.encrypt_existing(
            {"opengov.DisclosureRequest": ["applicant_id_number", "applicant_phone"]}
        ),
    ]
